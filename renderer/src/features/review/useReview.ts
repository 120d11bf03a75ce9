// The review queue's state: the documents to review (one opened by link joins it), the one
// shown with its values and register proposals, and saving or accepting it (an accepted
// document leaves the queue and the next one is shown).
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, RegisterProposal } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { useCall } from '../../components/useCall';
import { fieldsOf, valuesOf } from './review-fields';

export function useReview(openId: number | null) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  const [ids, setIds] = useState<number[] | null>(null);
  const [at, setAt] = useState(0);
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [proposals, setProposals] = useState<RegisterProposal[]>([]);
  const [dossier, setDossier] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // the queue: documents read by OCR and not yet accepted; a document opened by link joins it
  useEffect(() => {
    void run(async () => {
      const { ids: q } = await call('documents.toReview', {});
      const list = openId && !q.includes(openId) ? [openId, ...q] : q;
      setIds(list);
      setAt(openId ? Math.max(0, list.indexOf(openId)) : 0);
    }, setError);
  }, [openId, run]);

  const id = ids?.[at] ?? null;
  useEffect(() => {
    if (id === null) return;
    setDoc(null);
    void run(async () => {
      const [d, p] = await Promise.all([call('documents.get', { id }), call('documents.proposals', { id })]);
      setDoc(d);
      setValues(valuesOf(d));
      setProposals(p.items);
      // a proposal whose dossier code the document itself gives is taken at once
      setDossier(d.dossierCode ?? (p.items[0]?.score === 1 ? p.items[0].dossierCode : ''));
    }, setError);
  }, [id, run]);

  const latest = useRef<number | null>(null);
  latest.current = doc?.id ?? null;
  // the matches follow the fields as typed (and as saved): a dossier code typed and saved
  // shows its entry at once, not after leaving the document and coming back
  const refreshProposals = useCallback(
    (docId: number, vals: Record<string, string>) =>
      call('documents.proposals', { id: docId, fields: fieldsOf(vals) })
        .then((p) => {
          if (latest.current !== docId) return;
          setProposals(p.items);
          if (p.items[0]?.score === 1) setDossier((cur) => cur.trim() || p.items[0].dossierCode);
        })
        .catch(() => null),
    [],
  );
  useEffect(() => {
    if (!doc) return;
    const timer = setTimeout(() => void refreshProposals(doc.id, values), 300);
    return () => clearTimeout(timer);
  }, [doc, values, refreshProposals]);

  const move = useCallback((delta: number) => setAt((i) => Math.min(Math.max(0, i + delta), (ids?.length ?? 1) - 1)), [ids]);

  const save = useCallback(
    async (accept: boolean) => {
      if (!doc) return;
      setBusy(true);
      await run(async () => {
        const saved = await call('documents.review', { id: doc.id, fields: fieldsOf(values), dossierCode: dossier.trim() || null, accept });
        if (!accept) {
          await refreshProposals(saved.id, valuesOf(saved));
          return void message.success(t('review.saved'));
        }
        message.success(t('review.accepted'));
        setIds((q) => q && q.filter((x) => x !== doc.id));
        setAt((i) => Math.min(i, Math.max(0, (ids?.length ?? 1) - 2)));
      });
      setBusy(false);
    },
    [doc, values, dossier, ids, run, message, t, refreshProposals],
  );

  return { ids, at, doc, values, setValues, proposals, dossier, setDossier, busy, error, move, save };
}

export type Review = ReturnType<typeof useReview>;
