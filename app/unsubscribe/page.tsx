export { UnsubscribePage as default, generateMetadata } from "@/features/notifications/pages/unsubscribe-page";
