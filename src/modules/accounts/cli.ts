/** `cabildo user create` and `cabildo user grant`: thin wrappers over the account services. */
import { CliError, optionalOption, parseOptions, requiredOption, type Options } from "../../cli/options.js";
import { translator } from "../../platform/i18n/index.js";
import { anonymous, PLATFORM_ROLES, type PlatformRole } from "../../platform/policy.js";
import type { CliCommand } from "../../platform/module.js";
import type { Services } from "../../platform/services.js";
import { findActiveMunicipalityBySlug } from "../territory/queries.js";
import { AccountFormError } from "./errors.js";
import { grantRole } from "./members.js";
import { hashPassword, passwordProblem, randomPassword } from "./password.js";
import { createAccount } from "./provision.js";
import { departmentOptions, findUserByEmail } from "./queries.js";

/** Looked up on each call: modules register their locale folders after this file is imported. */
const t = ((key: string, options?: Record<string, unknown>) => translator("es-MX")(key, options)) as (key: string, options?: Record<string, unknown>) => string;
const OPERATOR = "línea de comandos (operador)";

const option = (options: Options, name: string, usage: string) => requiredOption(options, name, usage);
const optional = optionalOption;

/** Form errors from the services become one Spanish line each. */
async function explained<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AccountFormError) throw new CliError(Object.values(error.fields).map((k) => t(k)).join(" "));
    throw error;
  }
}

const createCommand: CliCommand = {
  name: "user create",
  usage: "user create --email <correo> --name <nombre> [--password …] [--platform-role …] [--oversees <slug,slug>]",
  description: "Crea una cuenta verificada (personal, órgano estatal o administración de la plataforma)",
  async run(args, services: Services) {
    const usage = t("accounts:cli.usageCreate");
    const options = parseOptions(args);
    const email = option(options, "email", usage);
    const name = option(options, "name", usage);
    const role = optional(options, "platform-role");
    if (role !== undefined && !(PLATFORM_ROLES as readonly string[]).includes(role)) throw new CliError(t("accounts:cli.platformRoleInvalid"));
    const overseesSlugs = (optional(options, "oversees") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (overseesSlugs.length > 0 && role !== "state_body") throw new CliError(t("accounts:cli.overseesNeedsStateBody"));
    const oversees: number[] = [];
    for (const slug of overseesSlugs) {
      const m = await findActiveMunicipalityBySlug(services.db, slug);
      if (!m) throw new CliError(t("accounts:cli.unknownMunicipality", { slug }));
      oversees.push(m.id);
    }
    const given = optional(options, "password");
    const password = given ?? randomPassword();
    const problem = passwordProblem(password, email);
    if (problem) throw new CliError(t(problem));
    const passwordHash = await hashPassword(password);
    const id = await explained(() =>
      services.db.transaction().execute((trx) =>
        createAccount(trx, anonymous, { email, displayName: name, passwordHash, platformRole: (role as PlatformRole | undefined) ?? null, oversees }, OPERATOR),
      ),
    );
    console.log(t("accounts:cli.created", { email: email.toLowerCase(), id }));
    if (!given) console.log(t("accounts:cli.generatedPassword", { password }));
  },
};

const grantCommand: CliCommand = {
  name: "user grant",
  usage: "user grant --email <correo> --municipality <slug> --role <rol> [--department <slug>]",
  description: "Da a una cuenta un rol de personal en un municipio",
  async run(args, services: Services) {
    const usage = t("accounts:cli.usageGrant");
    const options = parseOptions(args);
    const email = option(options, "email", usage);
    const slug = option(options, "municipality", usage);
    const role = option(options, "role", usage);
    const departmentSlug = optional(options, "department");
    const user = await findUserByEmail(services.db, email);
    if (!user) throw new CliError(t("accounts:cli.unknownUser", { email }));
    const municipality = await findActiveMunicipalityBySlug(services.db, slug);
    if (!municipality) throw new CliError(t("accounts:cli.unknownMunicipality", { slug }));
    let departmentId: number | null = null;
    if (departmentSlug) {
      const department = (await departmentOptions(services.db, municipality.id)).find((d) => d.slug === departmentSlug);
      if (!department) throw new CliError(t("accounts:cli.unknownDepartment", { slug: departmentSlug }));
      departmentId = department.id;
    }
    await explained(() => grantRole(services.db, anonymous, { userId: user.id, municipalityId: municipality.id, role, departmentId }, OPERATOR));
    console.log(t("accounts:cli.granted", { email: user.email, role: t(`accounts:roles.${role}`), municipality: municipality.name }));
  },
};

export const accountCommands: CliCommand[] = [createCommand, grantCommand];
