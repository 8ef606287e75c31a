/** Pieces of the citizen form: a service's Open311 questions by type, and the form values carried in hidden fields. */
import type { PageContext } from "../../../platform/views/context.js";
import { SelectField, TextArea, TextField } from "../../../platform/views/components.js";
import type { AttributeDefinition } from "../attributes.js";
import type { SubmitValues } from "../citizen-form.js";

function AttributeField({ ctx, def, answers, error }: { ctx: PageContext; def: AttributeDefinition; answers: string[]; error?: string }) {
  const name = `attribute[${def.code}]`;
  const common = { ctx, name, label: def.description, error, required: def.required, hint: def.datatypeDescription || undefined };
  const value = answers[0] ?? "";
  switch (def.datatype) {
    case "text":
      return <TextArea {...common} value={value} rows={3} />;
    case "number":
      return <TextField {...common} value={value} inputmode="decimal" />;
    case "datetime":
      return <TextField {...common} value={value} type="date" hint={def.datatypeDescription || ctx.t("reqSubmit:form.dateHint")} />;
    case "singlevaluelist":
      return <SelectField {...common} value={value} options={def.values.map((v) => ({ value: v.key, label: v.name }))} placeholder={ctx.t("reqSubmit:form.choose")} />;
    case "multivaluelist":
      return (
        <fieldset class={error ? "field field-error" : "field"} id={`campo-${name}`} aria-describedby={error ? `error-${name}` : undefined}>
          <legend>
            {def.description}
            {def.required && <span class="required"> ({ctx.t("form.required")})</span>}
          </legend>
          {def.datatypeDescription && <p class="hint">{def.datatypeDescription}</p>}
          {error && (
            <p class="error-message" id={`error-${name}`}>
              {error}
            </p>
          )}
          {def.values.map((v, i) => (
            <div class="checkbox">
              <input type="checkbox" id={`campo-${name}-${i}`} name={name} value={v.key} checked={answers.includes(v.key)} />
              <label for={`campo-${name}-${i}`}>{v.name}</label>
            </div>
          ))}
        </fieldset>
      );
    default:
      return <TextField {...common} value={value} />;
  }
}

/** The service's questions, in order; informational ones (not "variable") are shown as text. */
export function AttributeFields({ ctx, attributes, values, errors }: { ctx: PageContext; attributes: AttributeDefinition[]; values: SubmitValues; errors: Record<string, string> }) {
  if (attributes.length === 0) return null;
  return (
    <fieldset class="form-section">
      <legend>{ctx.t("reqSubmit:form.attributes")}</legend>
      {attributes.map((def) =>
        def.variable ? (
          <AttributeField ctx={ctx} def={def} answers={values.attributes[def.code] ?? []} error={errors[`attribute[${def.code}]`]} />
        ) : (
          <p class="hint">{def.description}</p>
        ),
      )}
    </fieldset>
  );
}

/** Everything the citizen typed, to send again from the "is it one of these?" step. */
export function HiddenValues({ values }: { values: SubmitValues }) {
  const plain: [string, string][] = [
    ["servicio", values.service],
    ["description", values.description],
    ["address", values.address],
    ["colonia", values.colonia],
    ["lat", values.lat],
    ["lon", values.lon],
    ["name", values.name],
    ["email", values.email],
    ["phone", values.phone],
  ];
  return (
    <>
      {plain.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {Object.entries(values.attributes).flatMap(([code, list]) => list.map((v) => <input type="hidden" name={`attribute[${code}]`} value={v} />))}
    </>
  );
}
