/**
 * The catalogue admin form as plain HTML fields (no JavaScript): a service and a fixed number of
 * attribute rows, options one per line as "clave|nombre". Read into the ServiceInput that
 * createService/updateService validate, and back into strings to show the form again.
 */
import type { ServiceDefinition } from "./catalogue.js";
import type { ServiceInput } from "./catalogue-admin.js";
import { field } from "./citizen-form.js";
import type { AttributeType } from "./tables.js";

export const BLANK_ATTRIBUTE_ROWS = 3;
export const MAX_ATTRIBUTE_ROWS = 30;

export interface AttributeRowValues {
  code: string;
  question: string;
  type: string;
  required: boolean;
  options: string;
  help: string;
}

export interface ServiceFormValues {
  code: string;
  name: string;
  description: string;
  group: string;
  keywords: string;
  departmentId: string;
  targetAmount: string;
  targetUnit: string;
  photoRequired: boolean;
  locationRequired: boolean;
  active: boolean;
  attributes: AttributeRowValues[];
}

const blankRow = (): AttributeRowValues => ({ code: "", question: "", type: "string", required: false, options: "", help: "" });

export function blankService(): ServiceFormValues {
  return {
    code: "", name: "", description: "", group: "", keywords: "", departmentId: "", targetAmount: "10", targetUnit: "business_days",
    photoRequired: false, locationRequired: false, active: true,
    attributes: Array.from({ length: BLANK_ATTRIBUTE_ROWS }, blankRow),
  };
}

export function serviceValues(s: ServiceDefinition): ServiceFormValues {
  return {
    code: s.code,
    name: s.name,
    description: s.description,
    group: s.group,
    keywords: s.keywords,
    departmentId: s.departmentId === null ? "" : String(s.departmentId),
    targetAmount: String(s.target.amount),
    targetUnit: s.target.unit,
    photoRequired: s.photoRequired,
    locationRequired: s.locationRequired,
    active: s.active,
    attributes: [
      ...s.attributes.map((a) => ({
        code: a.code,
        question: a.description,
        type: a.datatype,
        required: a.required,
        options: a.values.map((v) => `${v.key}|${v.name}`).join("\n"),
        help: a.datatypeDescription,
      })),
      ...Array.from({ length: BLANK_ATTRIBUTE_ROWS }, blankRow),
    ],
  };
}

const checked = (body: unknown, name: string) => field(body, name) !== "";

export function readServiceForm(body: unknown): ServiceFormValues {
  const rows = Math.min(MAX_ATTRIBUTE_ROWS, Math.max(0, Number.parseInt(field(body, "attr_rows"), 10) || 0));
  const attributes: AttributeRowValues[] = [];
  for (let i = 0; i < rows; i++) {
    attributes.push({
      code: field(body, `attr${i}_code`, 60).trim(),
      question: field(body, `attr${i}_question`, 500).trim(),
      type: field(body, `attr${i}_type`, 40).trim(),
      required: checked(body, `attr${i}_required`),
      options: field(body, `attr${i}_options`, 5000),
      help: field(body, `attr${i}_help`, 300).trim(),
    });
  }
  return {
    code: field(body, "code", 60).trim(),
    name: field(body, "name", 200),
    description: field(body, "description", 3000),
    group: field(body, "group", 100),
    keywords: field(body, "keywords", 500),
    departmentId: field(body, "departmentId", 20).trim(),
    targetAmount: field(body, "targetAmount", 20).trim(),
    targetUnit: field(body, "targetUnit", 20).trim(),
    photoRequired: checked(body, "photoRequired"),
    locationRequired: checked(body, "locationRequired"),
    active: checked(body, "active"),
    attributes,
  };
}

function parseOptions(text: string): { key: string; name: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.indexOf("|");
      return bar < 0 ? { key: line, name: line } : { key: line.slice(0, bar).trim(), name: line.slice(bar + 1).trim() };
    });
}

const isBlank = (r: AttributeRowValues) => !r.code && !r.question && !r.options.trim();

/**
 * The input for createService/updateService, and for each attribute it contains the form row it
 * came from (blank rows are skipped), so that "attributes[i]" errors land on the right row.
 */
export function toServiceInput(v: ServiceFormValues, position?: number): { input: ServiceInput; rowOf: number[] } {
  const rowOf: number[] = [];
  const attributes: ServiceInput["attributes"] = [];
  v.attributes.forEach((r, i) => {
    if (isBlank(r)) return;
    rowOf.push(i);
    const isList = r.type === "singlevaluelist" || r.type === "multivaluelist";
    attributes.push({
      code: r.code,
      datatype: r.type as AttributeType,
      required: r.required,
      variable: true,
      description: r.question,
      datatypeDescription: r.help,
      // Options typed for a non-list type are passed on, so the validation can say so.
      values: isList || r.options.trim() ? parseOptions(r.options) : [],
    });
  });
  const amount = /^\d{1,6}$/.test(v.targetAmount) ? Number(v.targetAmount) : Number.NaN;
  return {
    input: {
      code: v.code,
      name: v.name,
      description: v.description,
      group: v.group,
      keywords: v.keywords,
      // Anything but a number is a department that cannot exist: the validation reports it.
      departmentId: v.departmentId === "" ? null : /^\d{1,9}$/.test(v.departmentId) ? Number(v.departmentId) : -1,
      target: { amount, unit: v.targetUnit as "business_days" | "hours" },
      photoRequired: v.photoRequired,
      locationRequired: v.locationRequired,
      active: v.active,
      position,
      attributes,
    },
    rowOf,
  };
}

/** Validation errors per form field; "attributes[i]" is renamed to its form row. */
export function catalogueErrors(errors: { field: string; message: string }[], rowOf: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const m = /^attributes\[(\d+)\]$/.exec(e.field);
    const key = m ? `attr${rowOf[Number(m[1])] ?? 0}` : e.field;
    out[key] = out[key] ? `${out[key]} ${e.message}` : e.message;
  }
  return out;
}
