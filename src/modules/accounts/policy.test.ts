import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { anonymous, can, type Actor, type Membership, type PlatformRole } from "../../platform/policy.js";
import { registerAccountPolicies } from "./policy.js";

registerAccountPolicies();

const LEON = 11020;
const CUAUHTEMOC = 9015;

function user(id: number, memberships: Membership[] = [], platformRole: PlatformRole | null = null, oversees: number[] = []): Actor {
  return { kind: "user", userId: id, email: `u${id}@x.mx`, displayName: `U${id}`, emailVerified: true, platformRole, oversees, memberships };
}
const m = (municipalityId: number, role: Membership["role"], departmentId: number | null = null): Membership => ({ municipalityId, role, departmentId });

const actors: Record<string, Actor> = {
  anonymous,
  citizen: user(1),
  leonAdmin: user(2, [m(LEON, "administrator")]),
  leonObserver: user(3, [m(LEON, "observer")]),
  leonDepartment: user(4, [m(LEON, "department_staff", 7)]),
  leonTransparency: user(5, [m(LEON, "transparency_unit")]),
  stateBodyLeon: user(6, [], "state_body", [LEON]),
  platformAdmin: user(7, [], "platform_admin"),
};

// [actor, action, municipality, expected]
const table: [string, string, number, boolean][] = [
  ["leonAdmin", "municipality.viewAdmin", LEON, true],
  ["leonAdmin", "municipality.manageStaff", LEON, true],
  ["leonAdmin", "municipality.manageStaff", CUAUHTEMOC, false],
  ["leonAdmin", "municipality.viewAdmin", CUAUHTEMOC, false],
  ["leonAdmin", "municipality.viewPrivate", CUAUHTEMOC, false],
  ["leonObserver", "municipality.viewAdmin", LEON, true],
  ["leonObserver", "municipality.manageStaff", LEON, false],
  ["leonObserver", "municipality.viewPrivate", LEON, false],
  ["leonDepartment", "municipality.viewPrivate", LEON, true],
  ["leonDepartment", "municipality.manageStaff", LEON, false],
  ["leonTransparency", "municipality.viewPrivate", LEON, true],
  ["stateBodyLeon", "municipality.viewAdmin", LEON, true],
  ["stateBodyLeon", "municipality.viewPrivate", LEON, true],
  ["stateBodyLeon", "municipality.manageStaff", LEON, false],
  ["stateBodyLeon", "municipality.viewAdmin", CUAUHTEMOC, false],
  ["platformAdmin", "municipality.viewAdmin", CUAUHTEMOC, true],
  ["platformAdmin", "municipality.manageStaff", CUAUHTEMOC, true],
  ["citizen", "municipality.viewAdmin", LEON, false],
  ["citizen", "municipality.viewPrivate", LEON, false],
  ["anonymous", "municipality.viewAdmin", LEON, false],
  ["anonymous", "municipality.manageStaff", LEON, false],
  ["anonymous", "municipality.viewPrivate", LEON, false],
];

describe("account and staff policies", () => {
  for (const [who, action, municipality, expected] of table) {
    it(`${who} ${expected ? "may" : "may not"} ${action} in ${municipality === LEON ? "León" : "Cuauhtémoc"}`, () => {
      assert.equal(can(actors[who]!, action, { id: municipality }), expected);
    });
  }

  it("lets a person manage only their own account, and anonymous no account", () => {
    assert.equal(can(actors.citizen!, "account.manage", { userId: 1 }), true);
    assert.equal(can(actors.citizen!, "account.manage", { userId: 2 }), false);
    assert.equal(can(actors.platformAdmin!, "account.manage", { userId: 1 }), false);
    assert.equal(can(anonymous, "account.manage", { userId: 1 }), false);
  });
});
