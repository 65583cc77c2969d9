-- CreateTable
CREATE TABLE "LogWitness" (
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "verifierKey" TEXT NOT NULL,
    "size" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogWitness_pkey" PRIMARY KEY ("name")
);
