"use client";
/**
 * One row of the administration's members table, with an editor (opened on demand) to change the
 * member's role and, with a reason that goes to the audit log, their college.
 */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@/components/forms/select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ActorKind, MemberRole } from "@/lib/generated/prisma/enums";
import { changeCollegeSchema, changeRoleSchema } from "@/lib/communities/schemas";
import { actorKinds } from "@/lib/users/schemas";
import { changeCollegeAction, changeRoleAction } from "@/features/communities/admin-actions";
import { useT } from "@/components/i18n/i18n-provider";
import { fieldState } from "@/components/forms/field-error";
import { useServerFeedback } from "@/components/forms/use-server-feedback";

type Member = {
  membershipId: string;
  userId: string;
  displayName: string;
  organization: string | null;
  role: MemberRole;
  college: ActorKind;
};

function RoleForm({ slug, member, onDone }: { slug: string; member: Member; onDone: (message: string) => void }) {
  const t = useT();
  type RoleInput = z.input<typeof changeRoleSchema>;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RoleInput>({
    resolver: zodResolver(changeRoleSchema),
    defaultValues: { membershipId: member.membershipId, role: member.role },
  });
  const feedback = useServerFeedback(setError, { fields: ["role"] });
  const onSubmit = handleSubmit(async (values) => {
    if (!feedback.apply(await changeRoleAction({ ...values, slug }))) return;
    onDone(t("pages.admin.members.roleChanged", { name: member.displayName }));
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("pages.admin.members.roleFormLabel", { name: member.displayName })}>
      {feedback.formError && (
        <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" data-testid="role-error" />
      )}
      <Select
        label={t("pages.admin.members.roleLabel", { name: member.displayName })}
        nativeSelectProps={{ ...register("role") }}
        {...fieldState(feedback.message(errors.role?.message))}
      >
        {(["MEMBER", "MODERATOR", "ADMIN"] as const).map((role) => (
          <option key={role} value={role}>
            {t(`community.role.${role}`)}
          </option>
        ))}
      </Select>
      <Button type="submit" priority="secondary" size="small" disabled={isSubmitting}>
        {t("pages.admin.members.changeRole")}
      </Button>
    </form>
  );
}

function CollegeForm({ slug, member, onDone }: { slug: string; member: Member; onDone: (message: string) => void }) {
  const t = useT();
  type CollegeInput = z.input<typeof changeCollegeSchema>;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CollegeInput>({
    resolver: zodResolver(changeCollegeSchema),
    defaultValues: { membershipId: member.membershipId, college: member.college, reason: "" },
  });
  const feedback = useServerFeedback(setError, { fields: ["college", "reason"] });
  const onSubmit = handleSubmit(async (values) => {
    if (!feedback.apply(await changeCollegeAction({ ...values, slug }))) return;
    onDone(t("pages.admin.members.collegeChanged", { name: member.displayName }));
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("pages.admin.members.collegeFormLabel", { name: member.displayName })}>
      {feedback.formError && <Alert severity="error" small description={feedback.formError} className="fr-mb-2w" />}
      <Select
        label={t("pages.admin.members.collegeLabel", { name: member.displayName })}
        nativeSelectProps={{ ...register("college") }}
        {...fieldState(feedback.message(errors.college?.message))}
      >
        {actorKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`actorKind.${kind}`)}
          </option>
        ))}
      </Select>
      <Input
        label={t("pages.admin.members.reason")}
        hintText={t("pages.admin.members.reasonHint")}
        nativeInputProps={{ ...register("reason") }}
        {...fieldState(feedback.message(errors.reason?.message))}
      />
      <Button type="submit" priority="secondary" size="small" disabled={isSubmitting}>
        {t("pages.admin.members.changeCollege")}
      </Button>
    </form>
  );
}

export function MemberRow({ slug, member }: { slug: string; member: Member }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string>();
  const editorId = `member-editor-${member.membershipId}`;
  return (
    <>
      <tr data-testid={`member-row-${member.userId}`}>
        <th scope="row">{member.displayName}</th>
        <td>{member.organization ?? "—"}</td>
        <td>{t(`community.role.${member.role}`)}</td>
        <td>{t(`actorKind.${member.college}`)}</td>
        <td>
          <Button
            priority="tertiary"
            size="small"
            onClick={() => setOpen((value) => !value)}
            nativeButtonProps={{ "aria-expanded": open, "aria-controls": editorId }}
          >
            {open ? t("pages.common.close") : t("pages.admin.members.edit")}
            <span className="fr-sr-only"> {member.displayName}</span>
          </Button>
        </td>
      </tr>
      <tr id={editorId} hidden={!open}>
        <td colSpan={5}>
          {open && (
            <>
              {notice && <Alert severity="success" small description={notice} className="fr-mb-2w" />}
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-12 fr-col-md-5">
                  <RoleForm slug={slug} member={member} onDone={setNotice} />
                </div>
                <div className="fr-col-12 fr-col-md-7">
                  <CollegeForm slug={slug} member={member} onDone={setNotice} />
                </div>
              </div>
            </>
          )}
        </td>
      </tr>
    </>
  );
}
