export { AdminPage as default, generateMetadata } from "@/features/communities/pages/admin-page";
