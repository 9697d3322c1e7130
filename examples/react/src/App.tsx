/**
 * <bm-report-form> in a React 19 app. React 19 sets properties on custom
 * elements (`validator`, `value`) and the typed events are read through a ref.
 */
import { useEffect, useRef, useState } from 'react';
import '@bieumau/elements';
import type { BmReportForm, BmSubmitEvent, BmValidateEvent } from '@bieumau/elements';
import { BmInputEvent } from '@bieumau/elements';
import { registry } from '@bieumau/definitions';
import { createValidator } from '@bieumau/validator';
import type { Validator } from '@bieumau/validator';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'bm-report-form': React.DetailedHTMLProps<React.HTMLAttributes<BmReportForm>, BmReportForm> & {
        form?: string;
        version?: string;
        variant?: string;
        lang?: string;
        validator?: Validator;
        'page-size'?: number;
      };
    }
  }
}

export function App() {
  const ref = useRef<BmReportForm>(null);
  const [validator, setValidator] = useState<Validator>();
  const [agency, setAgency] = useState('');
  const [status, setStatus] = useState('');
  const [lang, setLang] = useState<'vi' | 'en'>('vi');

  useEffect(() => {
    // A production portal imports a precompiled validator module instead (CSP-safe).
    void registry.get({ form: 'annual-ict', version: '2019', variant: 'province' }).then((d) => setValidator(createValidator(d)));
  }, []);

  useEffect(() => {
    const el = ref.current!;
    const onInput = (e: Event) => {
      if (e instanceof BmInputEvent && e.pointer === '/general/agencyName') setAgency(String(e.value ?? ''));
    };
    const onValidate = (e: BmValidateEvent) => setStatus(e.result.ok ? 'Không phát hiện lỗi' : `${e.result.errors.length} lỗi`);
    const onSubmit = (e: BmSubmitEvent) => setStatus(`Đã gửi: ${String((e.report.general as { agencyName?: string } | undefined)?.agencyName ?? '')}`);
    el.addEventListener('input', onInput);
    el.addEventListener('bm-validate', onValidate);
    el.addEventListener('bm-submit', onSubmit);
    return () => {
      el.removeEventListener('input', onInput);
      el.removeEventListener('bm-validate', onValidate);
      el.removeEventListener('bm-submit', onSubmit);
    };
  }, []);

  return (
    <main>
      <h1>React: {agency || 'báo cáo chưa có tên cơ quan'}</h1>
      <button type="button" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
        {lang === 'vi' ? 'English' : 'Tiếng Việt'}
      </button>
      <p role="status" id="status">{status}</p>
      <bm-report-form ref={ref} form="annual-ict" version="2019" variant="province" lang={lang} validator={validator} />
    </main>
  );
}
