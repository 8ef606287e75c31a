import type { Executor } from "../../platform/db/database.js";
import { MUNICIPAL_ROLES, type MunicipalRole } from "../../platform/policy.js";
import { AccountFormError } from "./errors.js";
import { listDepartments } from "../territory/queries.js";

export function isMunicipalRole(value: string): value is MunicipalRole {
  return (MUNICIPAL_ROLES as readonly string[]).includes(value);
}

/** Role and department together: department staff need a department of this municipality, other roles none. */
export async function checkRoleAndDepartment(
  db: Executor,
  municipalityId: number,
  role: string,
  departmentId: number | null,
): Promise<{ role: MunicipalRole; departmentId: number | null }> {
  if (!isMunicipalRole(role)) throw new AccountFormError({ role: "accounts:errors.roleInvalid" });
  if (role !== "department_staff") return { role, departmentId: null };
  if (departmentId === null) throw new AccountFormError({ departmentId: "accounts:errors.departmentRequired" });
  const departments = await listDepartments(db, municipalityId);
  if (!departments.some((d) => d.id === departmentId)) throw new AccountFormError({ departmentId: "accounts:errors.departmentInvalid" });
  return { role, departmentId };
}
