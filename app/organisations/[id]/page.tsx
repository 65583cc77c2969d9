export { OrganizationPage as default, generateMetadata } from "@/features/organizations/pages/organization-page";
