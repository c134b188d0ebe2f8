/**
 * Administrators are named in configuration (`ADMIN_EMAILS`), not stored: removing an email from
 * the list takes the rights away on the next request. `adminEmails` is already lowercased. Only an
 * address a provider verified counts: anyone can type someone else's address into an unverifying
 * provider.
 */
export function isAdmin(
  user: { email: string; emailVerified: boolean } | null,
  adminEmails: readonly string[],
): boolean {
  return !!user && user.emailVerified && adminEmails.includes(user.email.trim().toLowerCase());
}
