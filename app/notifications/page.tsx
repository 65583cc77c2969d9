export { NotificationsPage as default, generateMetadata } from "@/features/notifications/pages/notifications-page";
