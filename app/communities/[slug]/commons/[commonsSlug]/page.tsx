export { CommonsPage as default, generateMetadata } from "@/features/commons/pages/commons-page";
