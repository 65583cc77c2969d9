export { CataloguePage as default, generateMetadata } from "@/features/catalogue/pages/catalogue-page";
