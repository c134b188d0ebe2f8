export { revokeInvitationEndpoint as DELETE } from "@/modules/core/spaces/api/invitation-endpoints";
