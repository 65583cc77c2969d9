export { NewCommonsPage as default, generateMetadata } from "@/features/commons/pages/new-commons-page";
