import type { Messages } from "@/i18n/messages/en";
import { NameForm } from "../name-form";

type Props = { spaceId: string; name: string; t: Messages["space"]; errors: Messages["errors"] };

export function RenameSpaceForm({ spaceId, name, t, errors }: Props) {
  return (
    <NameForm
      target={{ spaceId }}
      name={name}
      maxLength={100}
      autoComplete="off"
      variant="secondary"
      t={t}
      errors={errors}
    />
  );
}
