export {
  unknownApiEndpoint as GET,
  unknownApiEndpoint as POST,
  unknownApiEndpoint as PUT,
  unknownApiEndpoint as PATCH,
  unknownApiEndpoint as DELETE,
} from "@/server/http/unknown-route";
