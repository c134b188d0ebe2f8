export { declineInvitationEndpoint as POST } from "@/modules/core/spaces/api/invitation-endpoints";
