// The way back in a document's view: "Hoàn tác" for the last page operation (merge, split,
// page delete, move, turn) while it can still be undone, and "Xóa hồ sơ" into the Trash.
import { Alert, App, Button, Popconfirm, Space } from 'antd';
import { DeleteOutlined, UndoOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, Res } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { useCall } from '../../components/useCall';
import { formatDateTime } from '../../format';

export function UndoBar({ doc, onUndone }: { doc: DocumentDetail; onUndone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run, tryCall } = useCall();
  const [offer, setOffer] = useState<Res<'pages.undoOffer'>>(null);
  // asked again after every change of the document (each page operation hands back a new one)
  useEffect(() => {
    let live = true;
    void tryCall('pages.undoOffer', { documentId: doc.id }, () => undefined).then((o) => live && setOffer(o ?? null));
    return () => {
      live = false;
    };
  }, [doc, tryCall]);
  if (!offer) return null;
  const op = t(`undo.op.${offer.op}`);
  const undo = () =>
    run(async () => {
      const r = await call('pages.undo', { documentId: doc.id });
      message.success(t('undo.done', { op }));
      setOffer(null);
      // a split part that undo removed: back to the document it came from
      if (r.documentIds.includes(doc.id)) onUndone();
      else navigate(`documents/${r.documentIds[0]}`);
    });
  return (
    <Alert
      type="info"
      showIcon
      style={{ margin: '8px 0' }}
      data-testid="undo-bar"
      message={t('undo.offer', { op, at: formatDateTime(offer.at) })}
      action={
        <Button size="small" type="primary" icon={<UndoOutlined />} onClick={undo} data-testid="undo">
          {t('undo.button')}
        </Button>
      }
    />
  );
}

/** Moves the document to the Trash, after a confirmation; signed documents cannot be deleted. */
export function TrashButton({ doc, onTrashed }: { doc: DocumentDetail; onTrashed: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run } = useCall();
  if (doc.status === 'signed') return null;
  return (
    <Space style={{ marginTop: 12 }}>
      <Popconfirm
        title={t('trash.confirmMove')}
        okText={t('confirm.ok')}
        cancelText={t('confirm.cancel')}
        onConfirm={() =>
          run(async () => {
            await call('documents.trash', { ids: [doc.id] });
            message.success(t('trash.moved'));
            onTrashed();
          })
        }
      >
        <Button danger icon={<DeleteOutlined />} data-testid="trash-document">
          {t('trash.move')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
