export { PlatformAdminPage as default, generateMetadata } from "@/features/admin/pages/platform-admin-page";
