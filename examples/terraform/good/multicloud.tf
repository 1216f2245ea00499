# non-eu-region and weak-tls, compliant on European and sovereign clouds.

provider "scaleway" {
  region = "fr-par"
  zone   = "fr-par-2"
}

provider "outscale" {
  region = "cloudgouv-eu-west-1" # SecNumCloud offer
}

provider "openstack" {
  region = "GRA11" # OVHcloud Gravelines
}

resource "azurerm_resource_group" "main" {
  name     = "main"
  location = "France Central"
}

resource "azurerm_storage_account" "documents" {
  name                     = "acmedocuments"
  resource_group_name      = azurerm_resource_group.main.name
  location                 = azurerm_resource_group.main.location
  account_tier             = "Standard"
  account_replication_type = "GRS" # paired with France South
  min_tls_version          = "TLS1_2"
}

resource "google_storage_bucket" "archive" {
  name     = "acme-archive"
  location = "EU"
}
