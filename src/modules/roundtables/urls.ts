/** The roundtables' addresses under a process. */
export const publicBase = (municipalitySlug: string, processSlug: string) => `/${municipalitySlug}/participa/${processSlug}/mesas`;
export const adminBase = (municipalitySlug: string, processSlug: string) => `/${municipalitySlug}/admin/participa/${processSlug}/mesas`;
export const processUrl = (municipalitySlug: string, processSlug: string) => `/${municipalitySlug}/participa/${processSlug}`;
