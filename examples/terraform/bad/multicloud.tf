# non-eu-region on other clouds: an Azure display name in the US, a GCS dual-region that includes
# London, and a Hetzner server in Virginia.

resource "azurerm_resource_group" "main" {
  name     = "main"
  location = "East US"
}

resource "google_storage_bucket" "archive" {
  name     = "acme-archive"
  location = "EUR5"
}

resource "hcloud_server" "worker" {
  name        = "worker"
  server_type = "cx22"
  image       = "debian-12"
  location    = "ash"
}
