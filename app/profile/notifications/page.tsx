export {
  NotificationPreferencesPage as default,
  generateMetadata,
} from "@/features/notifications/pages/notification-preferences-page";
