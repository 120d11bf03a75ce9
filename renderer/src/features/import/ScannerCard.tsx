// Scanning straight from a SANE scanner: pick the device, resolution, colour mode and paper
// source (flatbed, feeder, duplex); the pages become one document, read by OCR when asked.
// The DOMAIN rule 3 minimums (colour, 200 dpi) are shown as warnings, never enforced.
import { Alert, Button, Card, Checkbox, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScannerDevice, ScannerOptions } from '../../../../shared/contract';
import { call } from '../../api/bridge';
import { JobCard, useJob } from '../../components/JobCard';
import { useCall } from '../../components/useCall';

export function ScannerCard({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const { run } = useCall();
  const [devices, setDevices] = useState<ScannerDevice[] | null>(null);
  const [available, setAvailable] = useState(true);
  const [device, setDevice] = useState<string | null>(null);
  const [options, setOptions] = useState<ScannerOptions | null>(null);
  const [req, setReq] = useState({ resolution: 300, mode: 'Color', source: null as string | null, duplex: false, ocr: true });
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useJob('scan');

  const find = async () => {
    setBusy(true);
    await run(async () => {
      const r = await call('scanner.devices', {});
      setAvailable(r.available);
      setDevices(r.devices);
      if (r.devices[0]) await choose(r.devices[0].name);
    });
    setBusy(false);
  };
  const choose = async (name: string) => {
    setDevice(name);
    const o = await call('scanner.options', { device: name });
    setOptions(o);
    setReq((r) => ({
      ...r,
      resolution: o.resolutions.includes(300) ? 300 : o.resolutions[o.resolutions.length - 1] ?? 300,
      mode: o.modes.find((m) => /colou?r/i.test(m)) ?? o.modes[0] ?? '',
      source: o.sources[0] ?? null,
    }));
  };
  const scan = async () => {
    if (!device) return;
    await run(async () => {
      const { jobId } = await call('scanner.scan', { device, ...req, unitId });
      setJob(await call('jobs.get', { id: jobId }));
    });
  };
  const running = !!job && (job.state === 'running' || job.state === 'queued');

  return (
    <Card title={t('scan.title')} extra={<Button onClick={find} loading={busy} data-testid="find-scanners">{t('scan.find')}</Button>}>
      {!available && <Alert type="info" showIcon message={t('scan.unavailable')} />}
      {available && devices && devices.length === 0 && <Typography.Text type="secondary">{t('scan.none')}</Typography.Text>}
      {devices && devices.length > 0 && options && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select aria-label={t('scan.device')} style={{ width: 280 }} value={device} onChange={(name: string) => run(() => choose(name))} options={devices.map((d) => ({ value: d.name, label: `${d.vendor} ${d.model} (${d.name})` }))} />
            <Select aria-label={t('scan.resolution')} style={{ width: 130 }} value={req.resolution} onChange={(v) => setReq({ ...req, resolution: v })} options={options.resolutions.map((r) => ({ value: r, label: `${r} dpi` }))} />
            <Select aria-label={t('scan.mode')} style={{ width: 140 }} value={req.mode} onChange={(v) => setReq({ ...req, mode: v })} options={options.modes.map((m) => ({ value: m, label: m }))} />
            {options.sources.length > 0 && (
              <Select aria-label={t('scan.source')} style={{ width: 240 }} value={req.source} onChange={(v) => setReq({ ...req, source: v })} options={options.sources.map((m) => ({ value: m, label: m }))} />
            )}
            {options.sources.some((s) => /duplex/i.test(s)) && (
              <Checkbox checked={req.duplex} onChange={(e) => setReq({ ...req, duplex: e.target.checked })}>
                {t('scan.duplex')}
              </Checkbox>
            )}
            <Checkbox checked={req.ocr} onChange={(e) => setReq({ ...req, ocr: e.target.checked })}>
              {t('ocr.afterImport')}
            </Checkbox>
            <Button type="primary" onClick={scan} disabled={running} data-testid="scan-start">
              {t('scan.start')}
            </Button>
          </Space>
          {req.resolution < 200 && <Alert type="warning" showIcon message={t('scan.lowDpi')} />}
          {!/colou?r/i.test(req.mode) && <Alert type="warning" showIcon message={t('scan.notColour')} />}
        </Space>
      )}
      {job && (
        <div style={{ marginTop: 12 }}>
          <JobCard job={job} onChange={setJob} testId="scan-job" title={t('scan.jobTitle')} summary={(c) => (c('error') ? '' : t('scan.done'))} />
        </div>
      )}
    </Card>
  );
}
