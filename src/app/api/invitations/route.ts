export { listMyInvitationsEndpoint as GET } from "@/modules/core/spaces/api/invitation-endpoints";
