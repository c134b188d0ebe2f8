export {
  getInviteLinkEndpoint as GET,
  createInviteLinkEndpoint as POST,
  revokeInviteLinkEndpoint as DELETE,
} from "@/modules/core/spaces/api/invite-link-endpoints";
