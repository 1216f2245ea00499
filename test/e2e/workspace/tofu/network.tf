# Hidden by network.tofu, as OpenTofu does: never reported.
resource "hcloud_server" "edge" {
  name        = "edge"
  server_type = "cx22"
  image       = "debian-12"
  location    = "hil"
}
