/** The public addresses of action plans (the URL map all parts of the module agreed on). */
export const plansPath = (municipalitySlug: string) => `/${municipalitySlug}/planes`;
export const planPath = (municipalitySlug: string, planSlug: string) => `${plansPath(municipalitySlug)}/${planSlug}`;
export const commitmentPath = (municipalitySlug: string, planSlug: string, number: number) => `${planPath(municipalitySlug, planSlug)}/compromisos/${number}`;
export const evidencePath = (municipalitySlug: string, planSlug: string, evidenceId: number) => `${planPath(municipalitySlug, planSlug)}/evidencias/${evidenceId}`;
export const planFeedPath = (municipalitySlug: string, planSlug: string) => `${planPath(municipalitySlug, planSlug)}/feed.atom`;
export const observatoryPath = (municipalitySlug: string, observatorySlug: string) => `/${municipalitySlug}/observatorios/${observatorySlug}`;
/** A proposal's public page (the proposals module's address; it exports no helper for it). */
export const proposalPath = (municipalitySlug: string, processSlug: string, number: number) => `/${municipalitySlug}/participa/${processSlug}/propuestas/${number}`;
export const processPath = (municipalitySlug: string, processSlug: string) => `/${municipalitySlug}/participa/${processSlug}`;
export const coloniaPath = (municipalitySlug: string, coloniaSlug: string) => `/${municipalitySlug}/colonias/${coloniaSlug}`;
export const planDataPath = (municipalitySlug: string, dataset: "planes-de-accion" | "compromisos" | "hitos", format: "csv" | "json") => `/${municipalitySlug}/datos/${dataset}.${format}`;
