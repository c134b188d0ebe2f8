export {
  getSpaceEndpoint as GET,
  renameSpaceEndpoint as PATCH,
  deleteSpaceEndpoint as DELETE,
} from "@/modules/core/spaces/api/space-endpoints";
