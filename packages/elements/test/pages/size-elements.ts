// The elements alone (no validator): what @bieumau/elements itself costs.
import '@bieumau/elements';
