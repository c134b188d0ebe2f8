export {
  listInvitationsEndpoint as GET,
  inviteMemberEndpoint as POST,
} from "@/modules/core/spaces/api/invitation-endpoints";
