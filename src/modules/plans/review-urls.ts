/** Addresses of the plans module's pages that the review and observatory pages link to (the URL map). */
import { planAdminPath as adminPlanUrl, plansAdminBase as adminPlansUrl, publicPlanPath as publicPlanUrl } from "./views/staff-parts.js";

export { adminPlanUrl, adminPlansUrl, publicPlanUrl };
export const publicCommitmentUrl = (m: string, plan: string, number: number) => `${publicPlanUrl(m, plan)}/compromisos/${number}`;
export const reviewAdminUrl = (m: string, plan: string) => `${adminPlanUrl(m, plan)}/revision`;
export const reviewAreaUrl = (m: string, plan: string) => `/${m}/revision/planes/${plan}`;
export const assessmentUrl = (m: string, plan: string, checkpointId: number, number: number) => `${reviewAreaUrl(m, plan)}/momentos/${checkpointId}/compromisos/${number}`;

export const observatoriesUrl = (m: string) => `/${m}/observatorios`;
export const observatoryUrl = (m: string, o: string) => `${observatoriesUrl(m)}/${o}`;
export const reportUrl = (m: string, o: string, reportId: number) => `${observatoryUrl(m, o)}/informes/${reportId}`;
export const reportFileUrl = (m: string, o: string, reportId: number, fileId: number) => `${reportUrl(m, o, reportId)}/archivos/${fileId}`;
export const panelUrl = (m: string, o: string) => `${observatoryUrl(m, o)}/panel`;
export const panelReportUrl = (m: string, o: string, reportId: number) => `${panelUrl(m, o)}/informes/${reportId}`;
export const adminObservatoriesUrl = (m: string) => `/${m}/admin/observatorios`;
export const adminObservatoryUrl = (m: string, o: string) => `${adminObservatoriesUrl(m)}/${o}`;
