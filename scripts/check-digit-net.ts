// Build step: the hand-written digit reader's weights are committed, not trained by the build
// (training takes minutes on two cores: `npm run train:digits`). This checks they are there and
// whole, and prints what training recorded: the held-out accuracy and the calibration.
import { DIGIT_NET_FILE, loadDigitNet } from '../electron/ocr/digit-net';

try {
  const { info } = loadDigitNet();
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  console.log(
    `digit network (${DIGIT_NET_FILE()}, maps ${info.channels.join('/')}, dense ${info.dense ?? 0}, trained ${info.trainedAt}${info.trainingSeconds ? ` in ${info.trainingSeconds} s` : ''}, seed ${info.seed}): held-out accuracy ${pct(info.heldOut.clean)} as given, ${pct(info.heldOut.office)} as office writing (${info.heldOut.count} digits); T = ${info.temperature}, review below ${info.threshold}`,
  );
} catch (e) {
  console.error(`digit network missing or damaged (${(e as Error).message}): run npm run train:digits`);
  process.exit(1);
}
