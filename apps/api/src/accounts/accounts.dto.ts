import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '@xj/application';
import { POSITIONS, ROLES } from '@xj/domain';
import { OptionalField } from '../http/dto-decorators';

export class AccountDto {
  @ApiProperty({ example: 'user-2f0c…' }) userId!: string;
  @ApiProperty({ example: 'wang.li' }) username!: string;
  @ApiProperty({ example: '王莉' }) displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ example: 'dawa.rol-office' }) orgId!: string;
  @ApiProperty({ enum: POSITIONS }) position!: string;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ description: 'A one-time password: every route but POST /auth/password answers 403 until changed.' })
  mustChangePassword!: boolean;
  @ApiPropertyOptional({ description: 'ISO-8601; the password expires PASSWORD_MAX_AGE_DAYS after.' })
  passwordChangedAt?: string;
  @ApiProperty({ description: 'A demo account (DEMO=1): not administered, refused outside demo mode.' })
  demo!: boolean;
  @ApiProperty({ description: 'A TOTP second factor is enrolled: its logins ask for a code after the password.' })
  secondFactor!: boolean;
}

export class AccountListDto {
  @ApiProperty({ type: [AccountDto] }) items!: AccountDto[];
}

export class AccountWithPasswordDto {
  @ApiProperty({ type: AccountDto }) account!: AccountDto;
  @ApiProperty({ description: 'Shown this once: hand it to the user, who must change it at the first login.' })
  oneTimePassword!: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'wang.li', description: 'Letters, digits, dot, dash, underscore; 3–64.' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/)
  username!: string;
  @ApiProperty({ example: '王莉' }) @IsString() @Length(1, 100) displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: string;
  @ApiProperty({ example: 'dawa.rol-office' }) @IsString() @Length(1, 100) orgId!: string;
  @ApiProperty({ enum: POSITIONS }) @IsIn(POSITIONS) position!: string;
}

export class ChangeAssignmentDto {
  @ApiPropertyOptional({ enum: ROLES }) @OptionalField() @IsIn(ROLES) role?: string;
  @ApiPropertyOptional({ example: 'dawa.rol-office' }) @OptionalField() @IsString() @Length(1, 100) orgId?: string;
  @ApiPropertyOptional({ enum: POSITIONS }) @OptionalField() @IsIn(POSITIONS) position?: string;
}

export class DisableAccountDto {
  @ApiPropertyOptional({ example: '调离' }) @OptionalField() @IsString() @Length(1, 500) reason?: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, MAX_PASSWORD_LENGTH) currentPassword!: string;
  @ApiProperty({
    description: 'PASSWORD_MIN_LENGTH, PASSWORD_MIN_CHARACTER_CLASSES, not one of the last PASSWORD_HISTORY.',
  })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  newPassword!: string;
}
