export { EditCommonsPage as default, generateMetadata } from "@/features/commons/pages/edit-commons-page";
