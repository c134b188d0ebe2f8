export {
  listMembersEndpoint as GET,
  addMemberEndpoint as POST,
} from "@/modules/core/spaces/api/member-endpoints";
