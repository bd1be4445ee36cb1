/**
 * Engine speed against its peers, in one process (issue 8): conv forward and the training step
 * (forward + filter gradient + input gradient + bias gradient) on STACK-NOTES' four shapes, and learning
 * throughput of a small 28x28 classifier. Peers: our TypeScript reference engine, tfjs-core cpu, tfjs
 * wasm (SIMD, one thread), PyTorch CPU (one thread, float64). Every peer's answer is checked against
 * ours before it is timed; times are medians after warm-up (on CPU time: see sampling.ts). Prints the
 * table and writes bench/results.json. BENCH_BUDGET_MS (default 1500) sets the time spent sampling each
 * measurement.
 */
import { loadavg } from 'node:os';
import { conv2dEngine, setConv2dEngine } from '../src-core/ops/conv2d';
import { tensor } from '../src-core/tensor';
import {
  CONV_CASES,
  convData,
  oursForward,
  oursStep,
  relativeError,
  stepError,
  type StepResult,
} from './engine-cases';
import { machine, printReport, targets, type ConvRow, type LearningRow } from './engine-report';
import { COUNT, learningSetup, opsLearner, trainerLearner, type Learner, type Weights } from './learning';
import { initTfjs, prepareTfjs, useBackend, type TfjsBackend } from './peers-tfjs';
import { pytorchMissing, runPytorch, type LearningCheck, type PytorchReport } from './peers-pytorch';
import { mergeResults } from './results';
import { adaptiveMedianMs, CLOCK, pairedMediansMs } from './sampling';

const budget = Number(process.env.BENCH_BUDGET_MS ?? 1500);
// The machine is shared: the 1-minute load average before and after says how quiet the run was.
const loadBefore = loadavg()[0] ?? 0;
const started = performance.now();
/** Float64 engines agree to rounding; float32 tfjs to about 1e-6 of the largest value. */
const F64_TOLERANCE = 1e-9;
const F32_TOLERANCE = 1e-4;
const failures: string[] = [];

function checked(peer: string, what: string, error: number, tolerance: number): boolean {
  if (error <= tolerance) return true;
  failures.push(`${peer} ${what}: relative error ${error.toExponential(2)} > ${tolerance}`);
  return false;
}

const engine = conv2dEngine();
if (engine !== 'wasm') failures.push('the WebAssembly kernels did not load: "ours" is the reference engine');
const datas = CONV_CASES.map((c, k) => convData(c, 100 * (k + 1)));
const rows: ConvRow[] = [];
const oursResults: StepResult[] = [];

// Our answers, checked against our TypeScript reference engine (what runs where WebAssembly is absent),
// and the reference's times.
for (const d of datas) {
  setConv2dEngine('reference');
  const reference = oursStep(d);
  const referenceForwardMs = adaptiveMedianMs(() => oursForward(d), budget);
  const referenceStepMs = adaptiveMedianMs(() => oursStep(d), budget);
  setConv2dEngine('wasm');
  const ours = oursStep(d);
  checked('ours (wasm)', `${d.c.name} step vs reference`, stepError(ours, reference), 1e-12);
  rows.push({
    name: d.c.name,
    forward: { reference: referenceForwardMs },
    step: { reference: referenceStepMs },
  });
  oursResults.push(ours);
}

// tfjs on each backend in turn. Ours is timed in turns with tfjs-wasm, its closest peer, so that both
// see the same moments of a shared machine (sampling.ts).
const tfjsInfo = await initTfjs();
for (const backend of ['cpu', 'wasm'] as TfjsBackend[]) {
  await useBackend(backend);
  const peer = `tfjs-${backend}`;
  datas.forEach((d, k) => {
    const row = rows[k];
    const ours = oursResults[k];
    if (row === undefined || ours === undefined) return;
    const prepared = prepareTfjs(d);
    const answers = prepared.check();
    const out = tensor([d.c.cOut, d.oh, d.ow]);
    const time = (op: 'forward' | 'step', theirs: () => unknown, mine: () => unknown, good: boolean) => {
      const timings = row[op];
      if (backend === 'cpu') {
        if (good) timings[peer] = adaptiveMedianMs(theirs, budget);
        return;
      }
      const [oursMs, theirMs] = pairedMediansMs(good ? [mine, theirs] : [mine], budget);
      timings.ours = oursMs ?? NaN;
      if (good && theirMs !== undefined) timings[peer] = theirMs;
    };
    const forwardOk = checked(
      peer,
      `${d.c.name} forward`,
      relativeError(answers.forward, ours.output),
      F32_TOLERANCE,
    );
    time(
      'forward',
      () => prepared.forward(),
      () => oursForward(d, out),
      forwardOk,
    );
    const stepOk = checked(peer, `${d.c.name} step`, stepError(answers.step, ours), F32_TOLERANCE);
    time(
      'step',
      () => prepared.step(),
      () => oursStep(d, out),
      stepOk,
    );
    prepared.dispose();
  });
}

// Learning throughput: examples per second, and the weights after a few steps for the checks.
const setup = learningSetup(7);
const learningRows: LearningRow[] = [];
const checks: LearningCheck[] = [];
for (const batch of [1, 32]) {
  const checkSteps = batch === 1 ? 64 : 8;
  const after = (make: () => Learner): Weights => {
    const learner = make();
    learner.run(checkSteps);
    return learner.weights();
  };
  const viaTrainer = after(() => trainerLearner(setup, batch));
  const viaOps = after(() => opsLearner(setup, batch));
  setConv2dEngine('reference');
  const viaReference = after(() => opsLearner(setup, batch));
  setConv2dEngine('wasm');
  const weightError = (a: Weights, b: Weights) =>
    Math.max(...(['convW', 'convB', 'denseW', 'denseB'] as const).map((k) => relativeError(a[k], b[k])));
  checked(
    'ours (trainer)',
    `learning batch ${batch} vs reference`,
    weightError(viaTrainer, viaReference),
    1e-12,
  );
  checked(
    'ours (ops loop)',
    `learning batch ${batch} vs reference`,
    weightError(viaOps, viaReference),
    1e-12,
  );
  checks.push({ batch, checkSteps, final: viaReference });
  const throughput = (make: () => Learner) => {
    const learner = make();
    const steps = Math.max(1, Math.floor(COUNT / batch));
    return (steps * batch) / (adaptiveMedianMs(() => learner.run(steps), budget) / 1000);
  };
  const trainerRate = throughput(() => trainerLearner(setup, batch));
  const opsRate = throughput(() => opsLearner(setup, batch));
  setConv2dEngine('reference');
  const referenceRate = throughput(() => opsLearner(setup, batch));
  setConv2dEngine('wasm');
  learningRows.push({
    batch,
    rates: { 'ours (trainer)': trainerRate, 'ours (ops loop)': opsRate, reference: referenceRate },
  });
}

// PyTorch, in one subprocess for every case.
const missing = pytorchMissing();
let pytorch: PytorchReport | null = null;
if (missing === null) {
  pytorch = runPytorch(
    datas.map((data, k) => ({ data, ours: oursResults[k] as StepResult })),
    { setup, checks },
    budget,
  );
  pytorch.conv.forEach((p, k) => {
    const row = rows[k];
    if (row === undefined) return;
    if (checked('pytorch', `${p.name} forward`, p.forwardError, F64_TOLERANCE))
      row.forward.pytorch = p.forwardMs;
    if (checked('pytorch', `${p.name} step`, p.stepError, F64_TOLERANCE)) row.step.pytorch = p.stepMs;
  });
  pytorch.learning.forEach((p) => {
    const row = learningRows.find((r) => r.batch === p.batch);
    if (row !== undefined && checked('pytorch', `learning batch ${p.batch}`, p.error, F64_TOLERANCE))
      row.rates.pytorch = p.examplesPerSecond;
  });
}

const env = {
  ...machine(),
  engine,
  tfjs: tfjsInfo,
  pytorch:
    pytorch === null
      ? `skipped: ${missing ?? ''}`
      : `torch ${pytorch.torch}, ${pytorch.threads} thread, float64`,
  budgetMs: budget,
  clock: CLOCK === 'cpu' ? 'CPU time of the process (BENCH_CLOCK=wall for wall time)' : 'wall time',
  load: `${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`,
  seconds: Math.round((performance.now() - started) / 1000),
};
const goals = targets(rows, learningRows);
printReport(env, rows, learningRows, goals, failures);
// Merged: the interaction benchmarks keep their figures in the same file.
mergeResults({
  date: new Date().toISOString(),
  env,
  conv: rows,
  learning: learningRows,
  targets: goals,
  failures,
});
console.log('\nwrote bench/results.json');
if (failures.length > 0) process.exitCode = 1;
