export {
  listSpacesEndpoint as GET,
  createSpaceEndpoint as POST,
} from "@/modules/core/spaces/api/space-endpoints";
