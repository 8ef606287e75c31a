/** One question as form fields (no JavaScript): used by the public form and by staff entering paper answers. */
import type { PageContext } from "../../../platform/views/context.js";
import { fieldName, type Question } from "../questions.js";

export function QuestionFields({ ctx, q, raw, error }: { ctx: PageContext; q: Question; raw: string[] | undefined; error?: string }) {
  const { t } = ctx;
  const name = fieldName(q.id);
  const values = raw ?? [];
  const describedBy = [q.help ? `ayuda-${name}` : null, error ? `error-${name}` : null, q.kind === "text" ? `publico-${name}` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset class={error ? "form-section field-error" : "form-section"} id={`campo-${name}`} aria-describedby={describedBy}>
      <legend>
        {q.position}. {q.prompt}
        <span class="required"> ({q.required ? t("form.required") : t("consultations:form.optional")})</span>
      </legend>
      {q.help && <p class="hint" id={`ayuda-${name}`}>{q.help}</p>}
      {q.kind === "multiple" && q.maxChoices !== null && <p class="hint">{t("consultations:form.maxChoices", { count: q.maxChoices })}</p>}
      {q.kind === "ranking" && <p class="hint">{t("consultations:form.rankingHint", { n: q.options.length })}</p>}
      {error && <p class="error-message" id={`error-${name}`}>{error}</p>}
      {(q.kind === "single" || q.kind === "multiple") &&
        q.options.map((option, i) => (
          <div class="checkbox">
            <input type={q.kind === "single" ? "radio" : "checkbox"} id={`${name}-${i}`} name={name} value={String(i)} checked={values.includes(String(i))} />
            <label for={`${name}-${i}`}>{option}</label>
          </div>
        ))}
      {q.kind === "scale" && (
        <>
          {(q.scaleMinLabel || q.scaleMaxLabel) && (
            <p class="hint">{t("consultations:form.scaleEnds", { min: q.scaleMin, minLabel: q.scaleMinLabel || "—", max: q.scaleMax, maxLabel: q.scaleMaxLabel || "—" })}</p>
          )}
          <div class="scale-options" style="display:flex;flex-wrap:wrap;gap:.25rem 1rem">
            {Array.from({ length: q.scaleMax! - q.scaleMin! + 1 }, (_, k) => q.scaleMin! + k).map((v) => (
              <div class="checkbox">
                <input type="radio" id={`${name}-${v}`} name={name} value={String(v)} checked={values[0] === String(v)} />
                <label for={`${name}-${v}`}>
                  {v}
                  {v === q.scaleMin && q.scaleMinLabel ? ` (${q.scaleMinLabel})` : ""}
                  {v === q.scaleMax && q.scaleMaxLabel ? ` (${q.scaleMaxLabel})` : ""}
                </label>
              </div>
            ))}
          </div>
        </>
      )}
      {q.kind === "text" && (
        <>
          <p class="hint" id={`publico-${name}`}>
            <strong>{t("consultations:form.textPublic", { max: q.maxLength })}</strong>
          </p>
          <label for={`${name}-texto`} class="visually-hidden" style="position:absolute;left:-9999px">{q.prompt}</label>
          <textarea id={`${name}-texto`} name={name} rows={5} maxLength={q.maxLength ?? undefined} aria-invalid={error ? "true" : undefined}>
            {values.join("\n")}
          </textarea>
        </>
      )}
      {q.kind === "ranking" &&
        q.options.map((option, i) => (
          <div class="field">
            <label for={`${name}_${i}`}>{option}</label>
            <select id={`${name}_${i}`} name={`${name}_${i}`}>
              <option value="">{t("consultations:form.rankPlaceholder")}</option>
              {q.options.map((_, place) => (
                <option value={String(place + 1)} selected={values[i] === String(place + 1)}>
                  {t("consultations:form.place", { n: place + 1 })}
                </option>
              ))}
            </select>
          </div>
        ))}
    </fieldset>
  );
}
