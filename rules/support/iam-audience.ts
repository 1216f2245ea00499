/**
 * Who uses an IAM permission policy. MFA can only be asked of people signing in as IAM users
 * (directly or through a group); roles are judged through their trust policy, and machine
 * identities and IAM Identity Center permission sets never carry aws:MultiFactorAuthPresent.
 */
import type { TerraformModule, TfResource } from '../../server/src/terraform/model';

/** Resources whose policy applies to IAM users. */
const FOR_PEOPLE = ['aws_iam_user_policy', 'aws_iam_group_policy'];
/** Attachments of a managed policy to users or groups. */
const PEOPLE_ATTACHMENTS = ['aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment'];
/** Everything that attaches a managed policy, to people or not. */
const ATTACHMENTS = [...PEOPLE_ATTACHMENTS, 'aws_iam_role_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_role'];

/** Whether an aws_iam_policy_attachment names users or groups (a list that is not known to be empty). */
function attachesPeople(mod: TerraformModule, att: TfResource): boolean {
  return ['users', 'groups'].some((k) => {
    const v = mod.attr(att.block, k)?.value;
    return v !== undefined && v.kind !== 'null' && !(v.kind === 'list' && v.items.length === 0);
  });
}

/**
 * Whether a managed policy (aws_iam_policy) may be used by people: it is attached to a user or a
 * group here, or attached to nothing here, so that whoever attaches it elsewhere may be a person.
 * A policy attached only to roles is judged through the roles' trust policies.
 */
export function managedPolicyForPeople(mod: TerraformModule, policy: TfResource): boolean {
  const atts = mod.referencing(policy, ATTACHMENTS);
  if (!atts.length) return true;
  return atts.some((a) => PEOPLE_ATTACHMENTS.includes(a.type) || (a.type === 'aws_iam_policy_attachment' && attachesPeople(mod, a)));
}

/** Whether a permission policy resource is used by people (see managedPolicyForPeople for aws_iam_policy). */
export function policyResourceForPeople(mod: TerraformModule, r: TfResource): boolean {
  if (FOR_PEOPLE.includes(r.type)) return true;
  if (r.type === 'aws_iam_policy') return managedPolicyForPeople(mod, r);
  return false;
}

/**
 * Whether an aws_iam_policy_document is used by people in this module: as the policy of a user,
 * a group, or a managed policy used by people. A document used only by roles, trust policies,
 * permission sets or resource policies, or only outside this module's resources (locals,
 * module calls, outputs), is not judged: who uses it cannot be known here.
 */
export function documentForPeople(mod: TerraformModule, doc: TfResource): boolean {
  const users = mod.referencing(doc, [...FOR_PEOPLE, 'aws_iam_policy'], 'policy');
  return users.some((u) => policyResourceForPeople(mod, u));
}
