// node --import tsx scripts/eval-digits.ts [file] — measures a digit network (default: the
// committed one) on the held-out split training left out, as given and as office writing drawn
// with the seed training used: accuracy, the confusion matrices, calibration there, and the
// milliseconds of one reading. For comparing a retrained model with the committed one.
import { decodeDigitNet, DIGIT_NET_FILE } from '../electron/ocr/digit-net';
import fs from 'node:fs';
import { accuracy, confusion, confusionText, ece, inputsOf, logitsOf, mnistSplits, msPerDigit } from './digit-eval';

async function main(): Promise<void> {
  const file = process.argv[2] ?? DIGIT_NET_FILE();
  const net = decodeDigitNet(fs.readFileSync(file));
  const { test } = mnistSplits();
  console.log(`${file}: ${net.layout.total} weights, channels ${net.info.channels.join('/')}, dense ${net.info.dense ?? 0}, seed ${net.info.seed}, T = ${net.info.temperature}`);
  for (const [name, office, seed] of [['as given', false, net.info.seed + 4], ['as office writing', true, net.info.seed + 5]] as const) {
    const inputs = await inputsOf(test, office, seed);
    const s = logitsOf(net, inputs, test);
    console.log(`\n${name}: ${(accuracy(s) * 100).toFixed(2)}% of ${test.length}; ECE at T ${ece(s, net.info.temperature).toFixed(4)}`);
    console.log(confusionText(confusion(s)));
    if (!office) console.log(`one reading: ${msPerDigit(net, inputs).toFixed(3)} ms (network alone)`);
  }
}

void main();
