// Page operations on the page shown: turn it (it is read again), move it, delete it, or make
// it the first page of a new document. Signed documents are not editable (the core refuses too).
import { App, Button, Popconfirm, Space } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, RotateLeftOutlined, RotateRightOutlined, ScissorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, PageInfo } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { navigate } from '../../app/router';
import { useCall } from '../../components/useCall';

export function PageTools({
  doc,
  page,
  onChange,
  onPage,
}: {
  doc: DocumentDetail;
  page: PageInfo;
  onChange: (d: DocumentDetail | null) => void;
  onPage: (n: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { run: act } = useCall();
  const turn = (delta: number) =>
    act(async () => {
      const rotation = (((page.rotation + delta) % 360) + 360) % 360;
      await call('pages.rotate', { pageId: page.id, rotation: rotation as 0 | 90 | 180 | 270 });
      message.info(t('pages.rotating'));
      onChange(null);
    });
  const move = (delta: number) =>
    act(async () => {
      const ids = doc.pages.map((p) => p.id);
      const i = ids.indexOf(page.id);
      [ids[i], ids[i + delta]] = [ids[i + delta], ids[i]];
      onChange(await call('pages.reorder', { documentId: doc.id, pageIds: ids }));
      onPage(page.index + delta);
    });
  const i = page.index;
  return (
    <Space style={{ margin: '10px 0' }} wrap data-testid="page-tools">
      {/* words beside the icons: a clerk should not have to guess what an arrow does */}
      <Button icon={<RotateLeftOutlined />} onClick={() => turn(-90)}>
        {t('pages.rotateLeft')}
      </Button>
      <Button icon={<RotateRightOutlined />} onClick={() => turn(90)}>
        {t('pages.rotateRight')}
      </Button>
      <Button icon={<ArrowUpOutlined />} disabled={i === 1} onClick={() => move(-1)}>
        {t('pages.moveUp')}
      </Button>
      <Button icon={<ArrowDownOutlined />} disabled={i === doc.pageCount} onClick={() => move(1)}>
        {t('pages.moveDown')}
      </Button>
      <Popconfirm
        title={t('pages.confirmRemove', { n: i })}
        onConfirm={() =>
          act(async () => {
            onChange(await call('pages.delete', { documentId: doc.id, pageIds: [page.id] }));
            onPage(Math.max(1, i - 1));
          })
        }
        disabled={doc.pageCount === 1}
      >
        <Button danger icon={<DeleteOutlined />} disabled={doc.pageCount === 1}>
          {t('pages.remove')}
        </Button>
      </Popconfirm>
      <Popconfirm
        title={t('confirm.split', { n: i })}
        okText={t('confirm.ok')}
        cancelText={t('confirm.cancel')}
        disabled={i === 1}
        onConfirm={() =>
          act(async () => {
            const { documentIds } = await call('documents.split', { documentId: doc.id, startPageIds: [page.id] });
            message.success(t('pages.split', { count: documentIds.length }));
            navigate(`documents/${documentIds[1]}`);
          })
        }
      >
        <Button icon={<ScissorOutlined />} disabled={i === 1} data-testid="split-here">
          {t('pages.splitHere')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
