import type { ArmResult, ExperimentResult, Verdict } from "./analyze-types";
import type { SrmResult } from "./srm";
import { count, percentChange, percentPoints } from "./words";

/** What the verdict looks at. */
export interface VerdictInput {
  arms: ArmResult[];
  srm: SrmResult;
  plan: ExperimentResult["plan"];
  alpha: number;
  mde: number;
  looks?: number;
}

/** Days an experiment should cover so every weekday is in it. */
const FULL_WEEK = 7;

/**
 * The verdict: a sample-ratio mismatch overrides everything; otherwise the always-valid mSPRT
 * (Holm-adjusted across variants) decides — never the fixed-horizon z-test, whose p-values are
 * not valid when results are watched as they come in.
 * @example decideVerdict({ arms, srm, plan, alpha: 0.05, mde: 0.1 }).kind // "winner"
 */
export function decideVerdict(input: VerdictInput): Verdict {
  const { arms, srm } = input;
  const control = arms.find((a) => a.control);
  const variants = arms.filter((a) => !a.control);
  if (arms.length < 2 || !control) return noData("There is only one arm, so there is nothing to compare yet. Add a variant to test it against control.");
  if (arms.every((a) => a.visitors === 0)) return noData("No results yet: no visitor has reached the experiment.");
  if (srm.mismatch) return { kind: "srm", test: "srm-chi-square", sentence: srmSentence(arms, srm) };
  if (control.visitors === 0) return noData("Control has no visitors yet, so there is nothing to compare against.");
  if (variants.every((a) => a.visitors === 0)) return noData("No variant has visitors yet, so there is nothing to compare.");

  const compared = variants.filter((a) => a.vsControl && a.visitors > 0);
  const significant = compared.filter((a) => a.vsControl!.sequential.pHolm < input.alpha);
  const by = (sign: number) => significant.filter((a) => sign * a.vsControl!.sequential.difference > 0).sort((a, b) => sign * (b.vsControl!.sequential.difference - a.vsControl!.sequential.difference));
  const winner = by(1)[0];
  const loser = by(-1)[0];
  const chosen = winner ?? loser;
  if (chosen) {
    const kind = winner ? "winner" : "loser";
    const caveat = caveatFor(input.looks, compared.length);
    const next = winner ? winnerNextStep(chosen, input.plan) : `You can stop it now: ${chosen.id} is costing you sales.`;
    return { kind, arm: chosen.id, test: "msprt", sentence: `${effect(chosen, control, input.alpha)}; ${caveat}. ${next}` };
  }
  const leading = [...compared].sort((a, b) => a.vsControl!.sequential.p - b.vsControl!.sequential.p)[0] ?? variants[0]!;
  return { kind: "inconclusive", arm: leading.id, test: "msprt", sentence: `${inconclusive(leading, control, input.alpha)} ${planStep(input, arms)}` };
}

/** "1 more day", "3 more days". */
function more(n: number): string {
  return `${n} more ${n === 1 ? "day" : "days"}`;
}

function noData(sentence: string): Verdict {
  return { kind: "no-data", test: "none", sentence };
}

function confidence(alpha: number): string {
  return `${Math.round((1 - alpha) * 100)}%`;
}

/** "Variant b sells to 12% more visitors than control (95% interval +3% to +21%)". */
function effect(arm: ArmResult, control: ArmResult, alpha: number): string {
  const s = arm.vsControl!.sequential;
  const direction = s.difference > 0 ? "more" : "fewer";
  if (s.relative && control.rate.value > 0) {
    const size = percentChange(Math.abs(s.difference / control.rate.value)).replace("+", "");
    return `Variant ${arm.id} sells to ${size} ${direction} visitors than control (${confidence(alpha)} interval ${percentChange(s.relative.low)} to ${percentChange(s.relative.high)})`;
  }
  return `Variant ${arm.id} converts ${percentPoints(Math.abs(s.difference)).replace("+", "")} ${direction} than control (${confidence(alpha)} interval ${pointsInterval(s.low, s.high)})`;
}

function caveatFor(looks: number | undefined, variants: number): string {
  const looked = looks && looks > 1 ? `you checked ${looks} times` : "you looked early";
  return variants > 1 ? `this holds even though ${looked} and compared ${variants} variants` : `this holds even though ${looked}`;
}

function winnerNextStep(arm: ArmResult, plan: ExperimentResult["plan"]): string {
  const elapsed = plan?.elapsedDays ?? 0;
  if (elapsed > 0 && elapsed < FULL_WEEK) {
    return `Keep it running until it has covered a full week (${more(FULL_WEEK - elapsed)}) so every weekday is in it; the call itself already stands.`;
  }
  return `You can stop it and roll out ${arm.id}.`;
}

function inconclusive(arm: ArmResult, control: ArmResult, alpha: number): string {
  const s = arm.vsControl?.sequential;
  if (!s) return `No clear difference yet between ${arm.id} and control.`;
  if (s.variance === 0) {
    const share = control.rate.value === 0 ? "Nobody has converted" : "Every visitor has converted";
    return `${share} in control or ${arm.id} yet, so there is no difference to measure.`;
  }
  const observed = control.rate.value > 0 && s.relative
    ? `${percentChange(s.difference / control.rate.value)} against control (${confidence(alpha)} interval ${percentChange(s.relative.low)} to ${percentChange(s.relative.high)})`
    : `${percentPoints(s.difference)} against control (${confidence(alpha)} interval ${pointsInterval(s.low, s.high)})`;
  return `No clear difference yet: ${arm.id} is at ${observed}, which could still be chance.`;
}

/** "-4.3 to +19.3 points". */
function pointsInterval(low: number, high: number): string {
  return `${percentPoints(low).replace(/ points?$/, "")} to ${percentPoints(high)}`;
}

function planStep(input: VerdictInput, arms: ArmResult[]): string {
  const plan = input.plan;
  if (!plan) return "Keep it running: control has no conversions yet, so there is no baseline to plan from.";
  const smallest = Math.min(...arms.map((a) => a.visitors));
  const target = plan.sequentialVisitorsPerArm;
  const change = percentChange(input.mde).replace("+", "±");
  if (smallest >= target) {
    return `It has passed the planned ${count(target)} visitors per arm without a clear result, so any real effect is likely smaller than ${change}; you can stop it.`;
  }
  const pace = plan.remainingDays !== null ? ` (about ${more(plan.remainingDays)} at the current pace)` : "";
  return `Keep it running until about ${count(target)} visitors per arm${pace} to detect a ${change} change.`;
}

function srmSentence(arms: ArmResult[], srm: SrmResult): string {
  const got = arms.map((a, i) => `${a.control ? "control" : a.id} ${count(srm.observed[i] ?? 0)}`).join(", ");
  const expected = arms.map((a, i) => `${a.control ? "control" : a.id} ${count(srm.expected[i] ?? 0)}`).join(", ");
  const p = srm.p < 0.0001 ? "p < 0.0001" : `p = ${srm.p.toPrecision(2)}`;
  return `Traffic split is off: the arms got ${got} visitors where the configured weights expect ${expected} (${p}). Something is assigning or counting visitors unevenly (redirects, bots, a tracker that fails in one arm), so do not trust these numbers until it is fixed.`;
}
