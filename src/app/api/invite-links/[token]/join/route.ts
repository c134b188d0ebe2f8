export { joinByInviteLinkEndpoint as POST } from "@/modules/core/spaces/api/invite-link-endpoints";
