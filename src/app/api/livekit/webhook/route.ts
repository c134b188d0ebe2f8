export { liveKitWebhookEndpoint as POST } from "@/modules/core/sessions/api/webhook-endpoint";
