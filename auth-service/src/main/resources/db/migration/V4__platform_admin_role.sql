-- Platform administration becomes its own role. Until now it was inferred from "an admin without a
-- corporation", which made the admins of a deleted corporation (ON DELETE SET NULL) platform admins.
-- Admins without a corporation today are the platform admins: they keep their powers under the new role.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('admin', 'guest', 'platform-admin'));
UPDATE app_user SET role = 'platform-admin', updated_at = now() WHERE role = 'admin' AND corporation_id IS NULL;
