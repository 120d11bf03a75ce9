// One page of an archived PDF, drawn by pdf.js into a canvas at the viewer's width.
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

const cache = new Map<string, Promise<pdfjs.PDFDocumentProxy>>();
const load = (url: string) => {
  if (!cache.has(url)) {
    // a failed load is not kept: the next view of this URL tries again
    const loading = pdfjs.getDocument({ url, isEvalSupported: false }).promise;
    loading.catch(() => cache.delete(url));
    cache.set(url, loading);
  }
  return cache.get(url)!;
};

export function PdfPage({ url, page, width }: { url: string; page: number; width: number }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let task: pdfjs.RenderTask | null = null;
    let cancelled = false;
    setFailed(false);
    load(url)
      .then((doc) => doc.getPage(page))
      .then((p) => {
        if (cancelled || !canvas.current) return;
        const base = p.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const vp = p.getViewport({ scale: (width / base.width) * ratio });
        const c = canvas.current;
        c.width = Math.floor(vp.width);
        c.height = Math.floor(vp.height);
        c.style.width = `${Math.floor(vp.width / ratio)}px`;
        task = p.render({ canvas: c, canvasContext: c.getContext('2d')!, viewport: vp });
        return task.promise;
      })
      .catch((e) => {
        if (!cancelled && e?.name !== 'RenderingCancelledException') setFailed(true);
      });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [url, page, width]);
  if (failed) return <div role="alert">{t('viewer.pdfError')}</div>;
  return <canvas ref={canvas} data-testid="pdf-canvas" style={{ boxShadow: '0 1px 6px rgba(0,0,0,.2)', background: '#fff' }} />;
}
