"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { SpaceRole } from "@/modules/core/spaces/domain/space";
import { FormError, buttonClass, inlineSelectClass } from "../ui";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { useApiAction } from "../use-api";

type Props = {
  spaceId: string;
  member: { userId: string; name: string; role: SpaceRole };
  roleOptions: SpaceRole[];
  canRemove: boolean;
  t: Messages["space"];
  roleNames: Messages["roles"];
  errors: Messages["errors"];
};

/**
 * Role changes need an explicit "Update": a select that saves on change would fire for every
 * arrow-key press on some platforms.
 */
export function MemberControls({ spaceId, member, roleOptions, canRemove, t, roleNames, errors }: Props) {
  const id = useId();
  const router = useRouter();
  const { pending, error, run } = useApiAction(errors);
  const [role, setRole] = useState<SpaceRole>(member.role);
  const params = { spaceId, userId: member.userId };

  async function applyRole() {
    const result = await run(spacesApi.changeMemberRole, { params, json: { role } });
    if (result !== undefined) router.refresh();
  }

  async function remove() {
    const result = await run(spacesApi.removeMember, { params });
    if (result !== undefined) router.refresh();
  }

  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div className="flex flex-wrap items-center gap-2">
        {roleOptions.length > 1 && (
          <>
            <label htmlFor={`${id}-role`} className="sr-only">
              {format(t.roleFor, { name: member.name })}
            </label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(e) => setRole(e.target.value as SpaceRole)}
              className={inlineSelectClass}
              disabled={pending}
            >
              {roleOptions.map((r) => (
                <option key={r} value={r}>
                  {roleNames[r]}
                </option>
              ))}
            </select>
            {role !== member.role && (
              <button
                type="button"
                className={buttonClass("primary")}
                onClick={applyRole}
                disabled={pending}
                aria-label={format(t.applyRoleLabel, { name: member.name })}
              >
                {t.applyRole}
              </button>
            )}
          </>
        )}
        {canRemove && (
          <button
            type="button"
            className={buttonClass("ghost", "text-red-700 hover:bg-red-50 hover:text-red-800")}
            onClick={remove}
            disabled={pending}
            aria-label={format(t.removeLabel, { name: member.name })}
          >
            {t.remove}
          </button>
        )}
      </div>
      <FormError message={error} />
    </div>
  );
}
