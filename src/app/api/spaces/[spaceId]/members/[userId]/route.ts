export {
  changeMemberRoleEndpoint as PATCH,
  removeMemberEndpoint as DELETE,
} from "@/modules/core/spaces/api/member-endpoints";
