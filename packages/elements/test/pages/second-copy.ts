// A second, separately bundled copy of the elements (a portal bundling its own).
import { BmReportForm } from '@bieumau/elements';
Object.assign(window, { secondCopy: BmReportForm });
