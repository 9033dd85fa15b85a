import type { FormatSetting } from '../api/wire-types.ts';
import { parseNumberText, parseWhole } from '../text/number-text.ts';

/**
 * A format's settings as form fields hold them: booleans as booleans, everything else as the
 * text typed. An object setting is one field per key, kept under "name.key"; a list is one text
 * field, its items split by commas. Nothing here is raw JSON.
 */
export type SettingsDraft = Record<string, string | boolean>;

/** One key of an object setting, as the form shows it. */
export interface SubField {
  name: string;
  type: 'boolean' | 'integer' | 'number' | 'string';
  description: string;
  default: unknown;
  choices?: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The keys of an object setting: the ones the server describes (`fields`), or, for a table of
 * numbers such as points {win, draw, loss}, one number per key of its default.
 */
export function subFields(setting: FormatSetting): SubField[] {
  if (setting.type !== 'object') return [];
  if (setting.fields) {
    return setting.fields.map((f) => ({
      name: f.name,
      type: f.type === 'boolean' || f.type === 'integer' ? f.type : 'string',
      description: f.description,
      default: f.default,
      ...(f.choices ? { choices: [...f.choices] } : {}),
    }));
  }
  if (isPlainObject(setting.default) && Object.values(setting.default).every((v) => typeof v === 'number')) {
    return Object.entries(setting.default).map(([name, value]) => ({ name, type: 'number', description: '', default: value }));
  }
  return [];
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** The fields of one setting filled from a value (the saved setting or its default). */
function fillSetting(setting: FormatSetting, value: unknown, out: SettingsDraft): void {
  if (setting.type === 'boolean') out[setting.name] = value === true;
  else if (setting.type === 'object') {
    const given = isPlainObject(value) ? value : undefined;
    for (const f of subFields(setting)) {
      const key = `${setting.name}.${f.name}`;
      // Keys of an object left unset (a schedule not asked for) stay empty; the hint gives the default.
      out[key] = f.type === 'boolean' ? (given?.[f.name] ?? f.default) === true : text(given?.[f.name]);
    }
  } else out[setting.name] = text(value);
}

/** The settings of a format at their defaults. */
export function defaultSettings(settings: readonly FormatSetting[] | undefined): SettingsDraft {
  const out: SettingsDraft = {};
  for (const s of settings ?? []) fillSetting(s, s.default, out);
  return out;
}

/** The fields filled from a tournament's saved settings, defaults where a setting is not saved. */
export function savedSettings(settings: readonly FormatSetting[] | undefined, saved: Record<string, unknown>): SettingsDraft {
  const out: SettingsDraft = {};
  for (const s of settings ?? []) fillSetting(s, s.name in saved ? saved[s.name] : s.default, out);
  return out;
}

type Checked = { value?: unknown; problem?: string };

function scalar(type: SubField['type'] | 'integer', raw: string, choices?: readonly string[]): Checked {
  if (type === 'integer') {
    const n = parseWhole(raw);
    return n === null ? { problem: 'Enter a whole number.' } : { value: n };
  }
  if (type === 'number') {
    const n = parseNumberText(raw);
    return n === null ? { problem: 'Enter a number, such as 1 or 0.5.' } : { value: n };
  }
  if (choices && !choices.includes(raw)) return { problem: `Choose one of ${choices.join(', ')}.` };
  return { value: raw };
}

function list(setting: FormatSetting, raw: string): Checked {
  const items = raw.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
  if (setting.choices) {
    const unknown = items.filter((i) => !setting.choices!.includes(i));
    if (unknown.length > 0) return { problem: `Not a choice: ${unknown.join(', ')}. Use any of ${setting.choices.join(', ')}.` };
    return { value: items };
  }
  const numbers = items.map((i) => parseWhole(i));
  if (numbers.some((n) => n === null)) return { problem: 'Enter whole numbers separated by commas, such as 64, 16.' };
  return { value: numbers };
}

/**
 * The settings to send, and the problems by the API's field names ("settings.points.win").
 * An empty field is left out, so the server applies its default; an object whose every text
 * field is empty is left out whole.
 */
export function checkSettings(settings: readonly FormatSetting[] | undefined, draft: SettingsDraft): { values: Record<string, unknown>; problems: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const setting of settings ?? []) {
    const field = `settings.${setting.name}`;
    if (setting.type === 'boolean') {
      values[setting.name] = draft[setting.name] === true;
      continue;
    }
    if (setting.type === 'object') {
      const object: Record<string, unknown> = {};
      let typed = false;
      for (const f of subFields(setting)) {
        const raw = draft[`${setting.name}.${f.name}`];
        if (f.type === 'boolean') {
          object[f.name] = raw === true;
          continue;
        }
        const t = typeof raw === 'string' ? raw.trim() : '';
        if (t === '') continue;
        typed = true;
        const { value, problem } = scalar(f.type, t, f.choices);
        if (problem) problems[`${field}.${f.name}`] = problem;
        else object[f.name] = value;
      }
      if (typed) values[setting.name] = object;
      continue;
    }
    const raw = draft[setting.name];
    const t = typeof raw === 'string' ? raw.trim() : '';
    if (t === '') continue;
    const { value, problem } = setting.type === 'array' ? list(setting, t) : scalar(setting.type === 'integer' ? 'integer' : 'string', t, setting.choices);
    if (problem) problems[field] = problem;
    else values[setting.name] = value;
  }
  return { values, problems };
}
